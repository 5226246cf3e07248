# Empty compiler generated dependencies file for gmcore.
# This may be replaced when dependencies are built.
