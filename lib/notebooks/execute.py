"""Executes one notebook with nbclient and writes the executed copy; prints a JSON report on stdout.

Run with Debian's /usr/bin/python3 (it has nbclient 0.7.2):

    /usr/bin/python3 lib/notebooks/execute.py notebooks/01_x.ipynb reports/notebooks/01_x.ipynb \
        --timeout 600 --grace 0.5

Exit code 0 with {"ok": true, ...} when every code cell ran and showed output; 1 with {"ok": false, ...}
(plus a readable message on stderr) when a cell raised, timed out, killed the kernel or showed nothing;
2 when the notebook could not be read or the kernel not started.

Why not `jupyter nbconvert --execute`: the Deno 2.9.6 kernel sometimes publishes `status: idle` for a cell
before that cell's output. Stock nbclient stops reading a cell's output at idle and drops whatever comes
later, so a figure or table silently vanishes and the run still exits 0. This client keeps late messages
(see GraceClient) and fails when a code cell ends up without output.
"""

import argparse
import json
import os
import sys
import tempfile
import time
import traceback as tb
from queue import Empty

import nbformat
from jupyter_client.kernelspec import NoSuchKernel
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, CellExecutionError, CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async, run_sync

NO_OUTPUT_TAG = "no-output"
SHOWN = {"stream", "display_data", "execute_result"}
KERNEL_START_ATTEMPTS = 3


class GraceClient(NotebookClient):
    """A NotebookClient that keeps outputs the kernel publishes after a cell's `status: idle`.

    The 2.9.6 kernel publishes `status: idle` itself but hands outputs (stdout, results) to a separate
    publisher task, which sends them when it gets to run, under the parent header current at that moment.
    Measured on 2 cores, 4 notebooks at a time: 3-8% of cell executions have their output 1-6 ms after
    idle, still under their own parent (none moved to another cell in 3,600 executions of a 30-cell
    notebook). With this client, 1,000 runs of the test fixture lost no output.

    nbclient reads IOPub per cell and discards messages whose parent is another cell. Here a message whose
    parent is an earlier cell of this run is added to that cell instead, so a late output is kept while the
    next cells run, at no cost per cell. After the last cell the client drains IOPub until `grace` seconds
    pass without a late message, so every cell gets at least `grace` seconds after its idle.
    """

    def __init__(self, nb, grace: float, **kw):
        super().__init__(nb, **kw)
        self.grace = grace
        self.finished = {}  # parent msg id -> (cell, cell_index) of cells whose idle arrived
        self.late_outputs = 0
        self.error_reply = None
        self.kernel_ready_at = None
        self.current_index = None
        self.on_cell_error = self._remember_error
        self.on_notebook_start = self._remember_start

    def _remember_error(self, cell, cell_index, execute_reply):
        self.error_reply = execute_reply.get("content", {})

    def _remember_start(self, notebook):
        self.kernel_ready_at = time.monotonic()

    def _take_late(self, msg) -> None:
        if msg["msg_type"] in ("status", "execute_input"):
            return
        cell, cell_index = self.finished[msg["parent_header"]["msg_id"]]
        before = len(cell.outputs)
        # clear_before_next_output belongs to the running cell, not to the one the late message is for.
        pending_clear, self.clear_before_next_output = self.clear_before_next_output, False
        try:
            self.process_message(msg, cell, cell_index)
        except CellExecutionComplete:
            pass
        finally:
            self.clear_before_next_output = pending_clear
        self.late_outputs += max(0, len(cell.outputs) - before)

    async def async_execute_cell(self, cell, cell_index, **kw):
        self.current_index = cell_index
        return await super().async_execute_cell(cell, cell_index, **kw)

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        while True:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=None))
            parent = msg["parent_header"].get("msg_id")
            if parent == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    self.finished[parent_msg_id] = (cell, cell_index)
                    return
            elif parent in self.finished:
                self._take_late(msg)

    async def drain_late(self) -> None:
        deadline = time.monotonic() + self.grace
        while (left := deadline - time.monotonic()) > 0:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=left))
            except Empty:
                return
            if msg["parent_header"].get("msg_id") in self.finished:
                self._take_late(msg)
                deadline = time.monotonic() + self.grace

    async def start_kernel(self) -> None:
        # jupyter_client picks free ports and the kernel binds them a moment later: a process starting at the
        # same time can take one in between (the kernel dies with AddrInUse). Starting again picks new ports.
        for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
            try:
                self.km = self.create_kernel_manager()
                await self.async_start_new_kernel()
                await self.async_start_new_kernel_client()
                return
            except RuntimeError as err:
                if attempt == KERNEL_START_ATTEMPTS or "before replying to kernel_info" not in str(err):
                    raise
                print(f"kernel died while starting ({err}); starting again", file=sys.stderr)

    async def async_execute(self, reset_kc=False, **kwargs):
        """nbclient's async_execute, plus a drain of late output before the kernel shuts down."""
        self.reset_execution_trackers()
        await self.start_kernel()
        async with self.async_setup_kernel(**kwargs):
            info_msg = await self.async_wait_for_reply(await ensure_async(self.kc.kernel_info()))
            if info_msg is not None and "language_info" in info_msg["content"]:
                self.nb.metadata["language_info"] = info_msg["content"]["language_info"]
            for index, cell in enumerate(self.nb.cells):
                await self.async_execute_cell(cell, index, execution_count=self.code_cells_executed + 1)
            await self.drain_late()
        return self.nb

    # nbclient binds `execute` to its own async_execute; without this line the override above never runs.
    execute = run_sync(async_execute)


def first_line(cell) -> str:
    lines = [line for line in cell.source.splitlines() if line.strip()]
    return lines[0].strip()[:120] if lines else ""


def silent_cells(nb) -> list:
    """Indexes of executed code cells without shown output and without the no-output tag."""
    return [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        and cell.source.strip()
        and NO_OUTPUT_TAG not in cell.metadata.get("tags", [])
        and not any(out.output_type in SHOWN for out in cell.outputs)
    ]


def write_atomic(nb, path: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            nbformat.write(nb, f)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def failure(notebook: str, kind: str, nb, index, ename: str, evalue: str, hint: str, trace="") -> dict:
    cell = nb.cells[index] if index is not None else None
    where = f"cell {index + 1} ({first_line(cell)!r})" if cell is not None else "setup"
    return {
        "ok": False,
        "notebook": notebook,
        "kind": kind,
        "cell": index + 1 if index is not None else None,
        "cellId": cell.get("id") if cell is not None else None,
        "firstLine": first_line(cell) if cell is not None else None,
        "ename": ename,
        "evalue": evalue,
        "traceback": trace,
        "hint": hint,
        "message": f"{notebook}: {where}: {ename}: {evalue}",
    }


def execute_notebook(notebook: str, timeout: int, grace: float, kernel: str):
    """Runs the notebook in a fresh kernel; returns (executed notebook, success report or failure report)."""
    nb = nbformat.read(notebook, as_version=4)
    client = GraceClient(
        nb,
        grace=grace,
        timeout=timeout,
        kernel_name=kernel,
        record_timing=True,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(notebook))}},
    )
    started = time.monotonic()
    try:
        client.execute()
    except NoSuchKernel:
        return nb, failure(notebook, "setup", nb, None, "NoSuchKernel", f"no kernelspec named {kernel!r}",
                           "call ensureDenoKernel() and put the directory it returns first in JUPYTER_PATH")
    except CellExecutionError as err:
        reply = client.error_reply or {}
        return nb, failure(notebook, "error", nb, client.current_index, err.ename, err.evalue,
                           "fix the cell, or tag it raises-exception if the error is intended",
                           "\n".join(reply.get("traceback") or []))
    except CellTimeoutError as err:
        return nb, failure(notebook, "timeout", nb, client.current_index, "CellTimeoutError",
                           str(err).splitlines()[0],
                           f"the cell ran longer than {timeout} s: raise the timeout or make the cell cheaper")
    except DeadKernelError as err:
        return nb, failure(notebook, "dead-kernel", nb, client.current_index, "DeadKernelError", str(err),
                           "the kernel process died (out of memory? a native crash in an npm module?)")
    seconds = time.monotonic() - started
    silent = silent_cells(nb)
    if silent:
        return nb, failure(notebook, "no-output", nb, silent[0], "NoOutput",
                           f"the cell produced no output ({len(silent)} silent cell(s) in all)",
                           f"end the cell with a value or a console.log, or tag it {NO_OUTPUT_TAG!r} "
                           "if silence is intended")
    return nb, {
        "ok": True,
        "notebook": notebook,
        "codeCells": client.code_cells_executed,
        "seconds": round(seconds, 3),
        "kernelStartSeconds": round((client.kernel_ready_at or started) - started, 3),
        "lateOutputs": client.late_outputs,
        "graceSeconds": grace,
    }


def run(notebook: str, out: str, timeout: int, grace: float, kernel: str) -> dict:
    # The Deno kernel colours plain-text output unless NO_COLOR is set; the kernel inherits this environment.
    os.environ["NO_COLOR"] = "1"
    nb, report = execute_notebook(notebook, timeout, grace, kernel)
    if report["ok"]:
        write_atomic(nb, out)
        report["out"] = out
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description="Execute a notebook in its own folder; print a JSON report.")
    parser.add_argument("notebook")
    parser.add_argument("out", help="where to write the executed copy (atomically)")
    parser.add_argument("--timeout", type=int, default=600, help="whole seconds per cell (default 600)")
    parser.add_argument("--grace", type=float, default=0.5,
                        help="seconds to keep reading late output after the last cell (default 0.5)")
    parser.add_argument("--kernel", default="deno", help="kernelspec name (default deno)")
    args = parser.parse_args()
    try:
        report = run(args.notebook, args.out, args.timeout, args.grace, args.kernel)
    except Exception as err:  # unreadable notebook, kernel that does not start, ...
        report = {"ok": False, "notebook": args.notebook, "kind": "setup", "cell": None, "ename": type(err).__name__,
                  "evalue": str(err), "traceback": tb.format_exc(), "hint": "see the traceback",
                  "message": f"{args.notebook}: setup: {type(err).__name__}: {err}"}
        print(json.dumps(report))
        print(report["message"], file=sys.stderr)
        return 2
    print(json.dumps(report))
    if not report["ok"]:
        print(f"{report['message']}\nhint: {report['hint']}", file=sys.stderr)
        if report.get("traceback"):
            print(report["traceback"], file=sys.stderr)
    if report["ok"]:
        return 0
    return 2 if report["kind"] == "setup" else 1


if __name__ == "__main__":
    sys.exit(main())
