"""Reference fits for eval:propensity / bench:propensity (statsmodels, scikit-learn).

Reads one JSON request on stdin and prints one JSON object:
  {"mode": "statsmodels", "file", "drop", "references": {col: level}}
    -> unpenalized Logit on the bank CSV: numeric columns standardized (ddof 0), string columns
       one-hot against the given reference level (pandas get_dummies); llf, params, bse.
  {"mode": "sklearn", "file", "drop", "references", "runs"}
    -> per solver, median wall and CPU seconds of two timed blocks, each run `runs` times:
       "fit": LogisticRegression(penalty=None).fit on the prepared numpy design (like fitLogistic
              on a prepared design);
       "train": the same work as trainPropensity, starting from the loaded DataFrame (the CSV read
              is outside the block on both sides): standardize the numeric columns and one-hot the
              string columns, fit, standard errors from the inverse Hessian, in-sample
              probabilities, AUC, log loss, Brier score, decile table, 10-bin calibration table,
              and the training profiles for PSI (numeric deciles, category shares).
"""
import json
import sys
import time

import numpy as np
import pandas as pd


def load(req):
    df = pd.read_csv(req["file"], sep=";")
    y = (df["y"] == "yes").astype(float).to_numpy()
    return df.drop(columns=["y", *req.get("drop", [])]), y


def design(req, loaded=None):
    df, y = loaded if loaded is not None else load(req)
    cols = {}
    for name in df.columns:
        s = df[name]
        if s.dtype == object:
            ref = req["references"].get(name)
            for level in sorted(s.unique()):
                if level == ref:
                    continue
                cols[f"{name}={level}"] = (s == level).astype(float).to_numpy()
        else:
            v = s.astype(float).to_numpy()
            cols[name] = (v - v.mean()) / v.std()
    names = ["(intercept)", *cols.keys()]
    X = np.column_stack([np.ones(len(y)), *cols.values()])
    return X, y, names


def train_like_ours(req, loaded, solver):
    """Everything trainPropensity does, from the loaded DataFrame to metrics and profiles."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

    df, y = loaded
    X, y, _ = design(req, loaded)
    m = LogisticRegression(penalty=None, solver=solver, max_iter=1000).fit(X[:, 1:], y)
    p = m.predict_proba(X[:, 1:])[:, 1]
    w = p * (1 - p)
    bse = np.sqrt(np.diag(np.linalg.inv((X * w[:, None]).T @ X)))
    order = np.argsort(-p, kind="stable")
    deciles = [(y[b].sum(), p[b].mean()) for b in np.array_split(order, 10)]
    calibration = [(y[b].mean(), p[b].mean()) for b in np.array_split(order[::-1], 10)]
    metrics = (roc_auc_score(y, p), log_loss(y, p), brier_score_loss(y, p))
    profiles = []
    for name in df.columns:
        s = df[name]
        if s.dtype == object:
            profiles.append(s.value_counts(normalize=True))
        else:
            edges = np.unique(np.quantile(s.to_numpy(dtype=float), np.arange(1, 10) / 10))
            profiles.append(np.bincount(np.searchsorted(edges, s.to_numpy(dtype=float)), minlength=len(edges) + 1) / len(s))
    score_edges = np.quantile(p, np.arange(1, 10) / 10)
    profiles.append(np.bincount(np.searchsorted(score_edges, p), minlength=10))
    return m, p, bse, deciles, calibration, metrics, profiles


def main():
    req = json.load(sys.stdin)
    X, y, names = design(req)
    if req["mode"] == "statsmodels":
        import statsmodels.api as sm

        t = time.perf_counter()
        res = sm.Logit(y, X).fit(method="newton", maxiter=100, tol=1e-12, disp=0)
        seconds = time.perf_counter() - t
        p = res.predict(X)
        from sklearn.metrics import roc_auc_score

        out = {
            "llf": float(res.llf),
            "params": dict(zip(names, map(float, res.params))),
            "bse": dict(zip(names, map(float, res.bse))),
            "auc": float(roc_auc_score(y, p)),
            "seconds": seconds,
            "n": int(len(y)),
            "k": int(X.shape[1] - 1),
        }
    else:
        from sklearn.linear_model import LogisticRegression

        loaded = load(req)
        Xf = X[:, 1:]
        out = {"n": int(len(y)), "k": int(Xf.shape[1])}
        for solver in req.get("solvers", ["lbfgs", "newton-cholesky"]):
            fit_wall, fit_cpu, train_wall, train_cpu = [], [], [], []
            ll = None
            for _ in range(req.get("runs", 5)):
                t, c = time.perf_counter(), time.process_time()
                m = LogisticRegression(penalty=None, solver=solver, max_iter=1000).fit(Xf, y)
                fit_wall.append(time.perf_counter() - t)
                fit_cpu.append(time.process_time() - c)
                p = m.predict_proba(Xf)[:, 1]
                ll = float(np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))
                t, c = time.perf_counter(), time.process_time()
                train_like_ours(req, loaded, solver)
                train_wall.append(time.perf_counter() - t)
                train_cpu.append(time.process_time() - c)
            out[solver] = {
                "median_seconds": float(np.median(fit_wall)),
                "median_cpu_seconds": float(np.median(fit_cpu)),
                "train_median_seconds": float(np.median(train_wall)),
                "train_median_cpu_seconds": float(np.median(train_cpu)),
                "loglik": ll,
            }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
