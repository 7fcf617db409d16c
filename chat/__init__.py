"""The helpline chat server. Design: docs/protocol.md (wire), docs/operations.md (running it)."""
