"""Socket.IO namespaces: where messages enter and leave the server. One module per namespace;
they validate input and call the conversation service (chat/conversations.py)."""
