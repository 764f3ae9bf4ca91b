"""Runs the package's pytest suite; exit 77 (skipped) where pytest is not installed.
The guard matters: Dask's worker processes start by importing this file again."""
import sys

if __name__ == "__main__":
    try:
        import pytest
    except ImportError:
        print("SKIP: pytest not installed (python3-pytest)")
        sys.exit(77)
    sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", *sys.argv[1:]]))
