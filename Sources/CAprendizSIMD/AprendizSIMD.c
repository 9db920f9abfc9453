// Header-only module: see include/AprendizSIMD.h.
