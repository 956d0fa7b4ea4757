#!/usr/bin/env python3
"""A small GTK3 window that offers the paths given on the command line as a
`text/uri-list` drag source, like a file manager does. The window test moves
the mouse from it onto Parallax with xdotool to make a real X11 drag."""
import sys
from pathlib import Path

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import Gdk, Gtk  # noqa: E402

uris = [Path(p).resolve().as_uri() for p in sys.argv[3:]]
x, y = int(sys.argv[1]), int(sys.argv[2])

window = Gtk.Window(title="drag source")
window.set_default_size(200, 200)
window.move(x, y)
button = Gtk.Button(label="drag me")
button.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [Gtk.TargetEntry.new("text/uri-list", 0, 0)], Gdk.DragAction.COPY)
button.connect("drag-data-get", lambda _w, _c, data, _i, _t: data.set_uris(uris))
window.add(button)
window.connect("destroy", Gtk.main_quit)
window.show_all()
print("ready", flush=True)
Gtk.main()
