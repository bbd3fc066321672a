"""Training the learned stages (``make train``); needs the ``train`` extra (scikit-learn)."""
