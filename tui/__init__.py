"""chery-tui: a keyboard-first terminal browser for a cited fact base."""
