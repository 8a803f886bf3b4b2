"""claimwatch: track what the press and officials claim about policing technology, and where they disagree."""

__version__ = "0.2.0"
