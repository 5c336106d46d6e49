// The GSLReference module.
