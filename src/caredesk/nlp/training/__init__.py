"""Training and evaluating the caredesk triage pipeline (spaCy lives here, in nlp).

- `corpus`: readers for the shared complaint CSV and the JSONL corpus in models/corpus/.
- `readers`: the same data as spaCy corpus readers named in the recipe configs.
- `metrics`: precision/recall/F1, ROC AUC and stratified folds, numpy only.
- `train`: trains the two text classifiers from the recipe configs and assembles the
  shipped pipeline (trained heads + the rule components).
- `evaluate`: per-label scores on the held-out test split; k-fold cross-validation.
"""
