"""Use cases of the product. They flush at most; the outermost caller commits."""
