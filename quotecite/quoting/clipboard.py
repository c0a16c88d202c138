"""Putting text on the clipboard with the system's own tool, where there is one.

Wayland (``wl-copy``), X11 (``xclip``, ``xsel``), macOS (``pbcopy``), Windows (``clip.exe``).
HTML and RTF are offered to the clipboard as ``text/html`` / ``text/rtf`` where the tool can say
so (wl-copy, xclip), so a word processor pastes them formatted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

MIME = {"html": "text/html", "rtf": "text/rtf"}


def clipboard_command(fmt: str = "text") -> list[str] | None:
    """The command that copies standard input to the clipboard here, or None."""
    mime = MIME.get(fmt)
    if sys.platform == "darwin" and shutil.which("pbcopy"):
        return ["pbcopy"]
    if sys.platform == "win32" and shutil.which("clip"):
        return ["clip"]
    if os.environ.get("WAYLAND_DISPLAY") and shutil.which("wl-copy"):
        return ["wl-copy", "--type", mime] if mime else ["wl-copy"]
    if os.environ.get("DISPLAY"):
        if shutil.which("xclip"):
            return ["xclip", "-selection", "clipboard", *(["-t", mime] if mime else [])]
        if shutil.which("xsel"):
            return ["xsel", "--clipboard", "--input"]
    return None


def copy(text: str, fmt: str = "text") -> str | None:
    """Copy ``text``; the name of the tool used, or None when this machine has no clipboard."""
    cmd = clipboard_command(fmt)
    if cmd is None:
        return None
    encoding = "utf-16-le" if cmd[0] == "clip" else "utf-8"
    try:
        subprocess.run(cmd, input=text.encode(encoding), check=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return cmd[0]
