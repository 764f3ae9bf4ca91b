"""Runs the package's pytest suite; exit 77 (skipped) where pytest is not installed."""
import sys

try:
    import pytest
except ImportError:
    print("SKIP: pytest not installed (python3-pytest)")
    sys.exit(77)
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", *sys.argv[1:]]))
