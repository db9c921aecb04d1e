"""`python -m claimledger` runs the command line."""
from .cli import main

main()
