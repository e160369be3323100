# Wizard pages of the 5.7.64 diagnosis and the error explainer.
