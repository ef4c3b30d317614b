"""Separation reference for lib/propensity/logistic.ts (run with /usr/bin/python3):
npm run fixtures:propensity-separation

Writes test/fixtures/propensity/separation.json with three designs (intercept + two features):
  near:  x1 almost separates the classes (y ~ Bernoulli(sigmoid(40 x1)) on 2,000 rows): the
         likelihood has a finite maximum with a coefficient near 40, which statsmodels' Logit
         (Newton) reaches; a separation test must not fire here.
  quasi: x1 separates the classes except on the rows where x1 is exactly 0 (quasi-complete):
         no finite maximum; statsmodels does not converge (or flags it).
  complete: x1 separates the classes entirely: statsmodels raises PerfectSeparationError.
"""
import json
import os
import warnings

import numpy as np
import statsmodels
import statsmodels.api as sm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "propensity")
rng = np.random.default_rng(4242)


def statsmodels_fit(x, y):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            res = sm.Logit(y, x).fit(method="newton", maxiter=200, disp=0)
        except Exception as error:  # PerfectSeparationError
            return {"error": type(error).__name__}
    return {
        "converged": bool(res.mle_retvals["converged"]),
        "params": [float(v) for v in res.params],
        "bse": [float(v) for v in res.bse],
        "llf": float(res.llf),
        "warnings": sorted({type(w.message).__name__ if not isinstance(w.message, Warning) else w.category.__name__ for w in caught}),
    }


def design(x1, x2):
    return np.column_stack([np.ones(len(x1)), x1, x2])


def near():
    n = 2000
    x1 = rng.normal(0, 1, n)
    x2 = rng.normal(0, 1, n)
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-(40 * x1 + 0.5 * x2 - 1)))).astype(float)
    return design(x1, x2), y


def quasi():
    n = 600
    x1 = np.round(rng.normal(0, 1, n), 1)
    x2 = rng.normal(0, 1, n)
    y = np.where(x1 > 0, 1.0, 0.0)
    tied = x1 == 0
    y[tied] = (rng.uniform(size=tied.sum()) < 0.5).astype(float)
    return design(x1, x2), y


def complete():
    n = 400
    x1 = rng.normal(0, 1, n)
    x1 = np.where(np.abs(x1) < 0.05, 0.05 * np.sign(x1 + 1e-12), x1)
    x2 = rng.normal(0, 1, n)
    y = np.where(x1 > 0, 1.0, 0.0)
    return design(x1, x2), y


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = []
    for name, make in (("near", near), ("quasi", quasi), ("complete", complete)):
        x, y = make()
        cases.append({"name": name, "n": len(y), "p": x.shape[1], "x": [float(v) for v in x.ravel()], "y": [int(v) for v in y], "statsmodels": statsmodels_fit(x, y)})
    meta = {"generator": "bench/propensity-separation.py", "statsmodels": statsmodels.__version__, "numpy": np.__version__}
    with open(os.path.join(OUT, "separation.json"), "w") as f:
        json.dump({"meta": meta, "cases": cases}, f)
    for c in cases:
        print(c["name"], {k: v for k, v in c["statsmodels"].items() if k != "bse"})


if __name__ == "__main__":
    main()
