"""The organisations register: providers, councils, health bodies, the Force, the OPCC."""
