"""Side-by-side benchmark of kernel-runner and the original Python runner (see bench/README.md)."""
