# Empty compiler generated dependencies file for gomortem.
# This may be replaced when dependencies are built.
