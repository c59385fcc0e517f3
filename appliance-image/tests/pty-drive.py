"""pty-drive.py SCRIPT COMMAND...: runs COMMAND on a new pseudo-terminal (its controlling
terminal, /dev/tty) and types into it as a person at the console would: SCRIPT has one line
per answer, "PROMPT<TAB>TEXT" (wait until PROMPT shows, then type TEXT and Enter), or
"*PROMPT<TAB>TEXT" for a secret (also wait until the terminal stops echoing, as read -s
makes it). Prints the screen (everything the terminal showed); exits with COMMAND's status.
Each wait has a deadline of 20 s."""
import os
import pty
import select
import sys
import termios
import time

DEADLINE = 20.0


def main():
    with open(sys.argv[1], encoding="utf-8") as script:
        steps = [line.rstrip("\n").split("\t", 1) for line in script if line.strip()]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(sys.argv[2], sys.argv[2:])
    screen = ""
    seen = 0  # where the next prompt is looked for
    status = None

    def read_some(timeout):
        """Reads what the terminal shows; False once the command has ended and all is read."""
        nonlocal screen, status
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return True
        try:
            screen += os.read(fd, 4096).decode("utf-8", "replace")
            return True
        except OSError:  # EIO: no process has the terminal open now (it may open it again)
            if status is None:
                done, status_now = os.waitpid(pid, os.WNOHANG)
                if done == 0:
                    time.sleep(0.05)
                    return True
                status = status_now
            return False

    for prompt, text in steps:
        secret = prompt.startswith("*")
        prompt = prompt.lstrip("*")
        end = time.monotonic() + DEADLINE
        while prompt not in screen[seen:]:
            if time.monotonic() > end or not read_some(0.2):
                sys.stdout.write(screen)
                sys.exit(f"pty-drive: no prompt '{prompt}'")
        seen = screen.index(prompt, seen) + len(prompt)
        while secret and termios.tcgetattr(fd)[3] & termios.ECHO:
            if time.monotonic() > end:
                sys.exit(f"pty-drive: the terminal still echoes at '{prompt}'")
            time.sleep(0.01)
        os.write(fd, (text + "\r").encode())
    end = time.monotonic() + DEADLINE
    while read_some(0.2):
        if time.monotonic() > end:
            sys.stdout.write(screen)
            sys.exit("pty-drive: the command did not end")
    sys.stdout.write(screen)
    sys.exit(os.waitstatus_to_exitcode(status))


main()
