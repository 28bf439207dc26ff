"""What the core needs from outside, as ``typing.Protocol`` classes (the hexagon's ports)."""
