"""Physics of the Na anode, one module per mechanism. Pure numpy; arrays broadcast over designs."""
