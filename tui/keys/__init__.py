"""Key bindings shared by screens: their constructor, undo/redo, and the palette provider."""
