// A small test runner for the call page's modules, run in headless Chromium by CallScriptsTest:
// each test is a function (maybe async) that throws on failure; the results end up in
// window.callScriptResults for the JUnit side to read.

const tests = [];
const violations = [];
// The page runs under the appliance's Content-Security-Policy: anything it blocks is a failure.
document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective}: ${event.blockedURI}`));

export function test(name, body) {
  tests.push({ name, body });
}

export function equal(actual, expected, message = '') {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) {
    throw new Error(`${message ? message + ': ' : ''}expected ${e}, got ${a}`);
  }
}

export function ok(condition, message) {
  if (!condition) {
    throw new Error(message || 'expected true');
  }
}

export async function run() {
  const results = { passed: [], failed: [] };
  for (const { name, body } of tests) {
    try {
      await body();
      results.passed.push(name);
    } catch (failure) {
      results.failed.push(`${name}: ${failure && failure.stack ? failure.stack : failure}`);
    }
  }
  violations.forEach((violation) => results.failed.push(`Content-Security-Policy: ${violation}`));
  return results;
}
