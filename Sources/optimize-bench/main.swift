print("optimize: not yet wired")
