"""The best-practice showcase ("vetrina delle buone pratiche"): write, promote, search, read."""
