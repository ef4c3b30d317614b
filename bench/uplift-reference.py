"""eval:uplift reference: a scikit-learn T-learner on the same Hillstrom rows and split as the TS run.

Reads a JSON request on stdin: {file, arms: [treated, control], outcome, train: [...], validation: [...]}
(row indexes into the filtered rows, in file order). Fits two unpenalized LogisticRegression models
(treated rows, control rows) on a one-hot design (pandas get_dummies, first level dropped; numeric
columns standardized, which leaves unpenalized predictions unchanged), and returns the predicted
uplift of the validation rows with the Qini coefficient, AUUC and uplift@30% computed by the
definitions of scikit-uplift (qini_auc_score, uplift_auc_score, uplift_at_k strategy "overall").
Run with /usr/bin/python3 (Debian python3-sklearn, python3-pandas).
"""
import json
import sys

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import auc

NUMERIC = ["recency", "history", "mens", "womens", "newbie"]
CATEGORICAL = ["history_segment", "zip_code", "channel"]


def curve(y, score, t, kind):
    order = np.argsort(score, kind="mergesort")[::-1]
    y, score, t = y[order], score[order], t[order]
    yt = np.cumsum(y * t)
    yc = np.cumsum(y * (1 - t))
    nt = np.cumsum(t)
    idx = np.r_[np.where(np.diff(score))[0], score.size - 1]
    yt, yc, nt = yt[idx], yc[idx], nt[idx]
    n = idx + 1
    nc = n - nt
    if kind == "qini":
        values = yt - yc * np.divide(nt, nc, out=np.zeros_like(nt, dtype=float), where=nc != 0)
    else:
        rt = np.divide(yt, nt, out=np.zeros_like(yt, dtype=float), where=nt != 0)
        rc = np.divide(yc, nc, out=np.zeros_like(yc, dtype=float), where=nc != 0)
        values = (rt - rc) * n
    return np.r_[0, n].astype(float), np.r_[0, values].astype(float)


def normalized(actual, perfect):
    xb, yb = np.array([0, perfect[0][-1]]), np.array([0, perfect[1][-1]])
    base = auc(xb, yb)
    return (auc(*actual) - base) / (auc(*perfect) - base)


def qini_coefficient(y, u, t):
    return normalized(curve(y, u, t, "qini"), curve(y, y * t - y * (1 - t), t, "qini"))


def auuc(y, u, t):
    cr = np.sum((y == 1) & (t == 0))
    tn = np.sum((y == 0) & (t == 1))
    summand = y if cr > tn else t
    perfect = 2 * (y == t) + summand
    return normalized(curve(y, u, t, "uplift"), curve(y, perfect.astype(float), t, "uplift"))


def uplift_at_k(y, u, t, k=0.3):
    order = np.argsort(u, kind="mergesort")[::-1]
    top = int(len(y) * k)
    yy, tt = y[order][:top], t[order][:top]
    return yy[tt == 1].mean() - yy[tt == 0].mean()


def main():
    request = json.load(sys.stdin)
    df = pd.read_csv(request["file"])
    treated_name, control_name = request["arms"]
    df = df[df["segment"].isin([treated_name, control_name])].reset_index(drop=True)
    t = (df["segment"] == treated_name).to_numpy().astype(float)
    y = df[request["outcome"]].to_numpy().astype(float)
    train = np.array(request["train"], dtype=int)
    valid = np.array(request["validation"], dtype=int)
    x = df[NUMERIC].astype(float)
    x = (x - x.iloc[train].mean()) / x.iloc[train].std(ddof=0)
    design = pd.concat([x, pd.get_dummies(df[CATEGORICAL].astype(str), drop_first=True).astype(float)], axis=1).to_numpy()
    probabilities = {}
    iterations = {}
    for arm in (1.0, 0.0):
        rows = train[t[train] == arm]
        model = LogisticRegression(penalty=None, solver="newton-cg", tol=1e-10, max_iter=1000)
        model.fit(design[rows], y[rows])
        probabilities[arm] = model.predict_proba(design[valid])[:, 1]
        iterations[arm] = int(model.n_iter_[0])
    u = probabilities[1.0] - probabilities[0.0]
    yv, tv = y[valid], t[valid]
    json.dump(
        {
            "uplift": u.tolist(),
            "qini": qini_coefficient(yv, u, tv),
            "auuc": auuc(yv, u, tv),
            "upliftAt30": uplift_at_k(yv, u, tv),
            "overall": yv[tv == 1].mean() - yv[tv == 0].mean(),
            "columns": design.shape[1],
            "iterations": iterations,
        },
        sys.stdout,
    )


main()
