"""The benchmark of the full build (`make bench`): synthetic content at several sizes."""
