import atexit
import os
import sys

from .cli import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:  # output piped into `head`: stop quietly, as other command-line tools do
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 1
# The command's work is done and its database closed: run the exit handlers (logs, the read
# worker), then leave without the interpreter's teardown of pandas, Arrow and DuckDB, a tenth
# of a second or more that a script calling the command many times would otherwise wait for.
atexit._run_exitfuncs()
sys.stdout.flush()
sys.stderr.flush()
os._exit(code if isinstance(code, int) else 0)
