// The Problems module.
