// What the home page shows on demand: a <details> whose content the server gives when it is
// first opened (asked again after a failure, which is said in its place), and the paragraphs
// the pages put together.

/**
 * @param details     the <details>
 * @param body        where the content goes (inside it, after its <summary>)
 * @param loadingText said while the server is asked
 * @param load        async () => the nodes to show
 */
export function loadWhenOpened(details, body, loadingText, load) {
  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) {
      return;
    }
    loaded = true;
    body.replaceChildren(paragraph(loadingText, 'hint'));
    try {
      body.replaceChildren(...await load());
    } catch (problem) {
      loaded = false; // asked again when opened again
      body.replaceChildren(paragraph(problem.message, 'notice error'));
    }
  });
}

export function paragraph(text, className) {
  const node = document.createElement('p');
  node.className = className;
  node.textContent = text;
  return node;
}
