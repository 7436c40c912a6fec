"""Reports, and the published national and regional statistics a user imports beside them."""
