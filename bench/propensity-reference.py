"""Reference fits for eval:propensity / bench:propensity (statsmodels, scikit-learn).

Reads one JSON request on stdin and prints one JSON object:
  {"mode": "statsmodels", "file", "drop", "references": {col: level}}
    -> unpenalized Logit on the bank CSV: numeric columns standardized (ddof 0), string columns
       one-hot against the given reference level (pandas get_dummies); llf, params, bse.
  {"mode": "sklearn", "file", "drop", "references", "runs"}
    -> median seconds of LogisticRegression(penalty=None).fit on the same design, per solver.
"""
import json
import sys
import time

import numpy as np
import pandas as pd


def design(req):
    df = pd.read_csv(req["file"], sep=";")
    y = (df["y"] == "yes").astype(float).to_numpy()
    df = df.drop(columns=["y", *req.get("drop", [])])
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

        Xf = X[:, 1:]
        out = {"n": int(len(y)), "k": int(Xf.shape[1])}
        for solver in req.get("solvers", ["lbfgs", "newton-cholesky"]):
            times = []
            ll = None
            for _ in range(req.get("runs", 5)):
                t = time.perf_counter()
                m = LogisticRegression(penalty=None, solver=solver, max_iter=1000).fit(Xf, y)
                times.append(time.perf_counter() - t)
                p = m.predict_proba(Xf)[:, 1]
                ll = float(np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))
            out[solver] = {"median_seconds": float(np.median(times)), "loglik": ll}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
