"""The public transparency site: pages anyone may read, without an account."""
