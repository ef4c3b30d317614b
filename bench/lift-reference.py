"""Reference values for lib/lift from scipy and statsmodels (run with /usr/bin/python3).

Writes test/fixtures/lift/reference-cases.json: 200 randomized cases (100 binary, 100
continuous) given as sufficient statistics, with the p-values and intervals scipy/statsmodels
compute for them, test/fixtures/lift/hillstrom-stats.json: Hillstrom's sufficient statistics
per arm (so the test does not need ../shared), and test/fixtures/lift/large-means.json: customer
rows with sd 1 around means of 1e7, 1e8 and 1e9, with scipy's Welch test on them.
Run: npm run fixtures:lift [path/to/hillstrom.csv]

Relative lift (treatment / control - 1) intervals are inverted from the absolute test, so they
agree with it: for proportions statsmodels' score interval for the risk ratio
(confint_proportions_2indep(method="score", compare="ratio", correction=False), Koopman), whose
test at ratio 1 is proportions_ztest; for means Fieller's interval, found here by solving the
Welch-type test of m_t - rho m_c = 0 for rho with scipy's brentq (lib/lift solves the quadratic).
"""
import csv
import json
import math
import os
import sys
from fractions import Fraction

import numpy as np
from scipy import optimize, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint, proportions_ztest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "lift")
rng = np.random.default_rng(20261124)


def binary_case(i):
    n_c, n_t = (int(v) for v in rng.integers(30, 50000, size=2))
    p_c = float(rng.uniform(0.005, 0.6))
    p_t = min(max(p_c * float(rng.uniform(0.7, 1.5)), 0.001), 0.999)
    x_c = int(rng.binomial(n_c, p_c))
    x_t = int(rng.binomial(n_t, p_t))
    if x_c == 0:
        x_c = 1
    confidence = float(rng.choice([0.8, 0.9, 0.95, 0.99]))
    z, p = proportions_ztest([x_t, x_c], [n_t, n_c])
    low, high = confint_proportions_2indep(x_t, n_t, x_c, n_c, method="wald", compare="diff", alpha=1 - confidence)
    c_low, c_high = proportion_confint(x_c, n_c, alpha=1 - confidence, method="normal")
    t_low, t_high = proportion_confint(x_t, n_t, alpha=1 - confidence, method="normal")
    m_c, m_t = x_c / n_c, x_t / n_t
    r_low, r_high = confint_proportions_2indep(x_t, n_t, x_c, n_c, method="score", compare="ratio", correction=False, alpha=1 - confidence)
    relative = {"estimate": m_t / m_c - 1, "ciLow": float(r_low) - 1, "ciHigh": float(r_high) - 1, "pValue": float(p)}
    return {
        "id": f"binary-{i}",
        "kind": "binary",
        "confidence": confidence,
        "control": {"n": n_c, "sum": x_c, "sumSquares": x_c},
        "treatment": {"n": n_t, "sum": x_t, "sumSquares": x_t},
        "expected": {
            "statistic": float(z),
            "pValue": float(p),
            "ciLow": float(low),
            "ciHigh": float(high),
            "controlCi": [float(c_low), float(c_high)],
            "treatmentCi": [float(t_low), float(t_high)],
            "relative": relative,
        },
    }


def continuous_case(i):
    n_c, n_t = (int(v) for v in rng.integers(5, 20000, size=2))
    scale = float(rng.uniform(0.5, 200))
    y_c = rng.gamma(shape=float(rng.uniform(0.3, 3)), scale=scale, size=n_c)
    y_t = rng.gamma(shape=float(rng.uniform(0.3, 3)), scale=scale * float(rng.uniform(0.8, 1.3)), size=n_t)
    confidence = float(rng.choice([0.8, 0.9, 0.95, 0.99]))
    m_c, m_t = float(y_c.mean()), float(y_t.mean())
    s_c, s_t = float(y_c.std(ddof=1)), float(y_t.std(ddof=1))
    t, p = stats.ttest_ind_from_stats(m_t, s_t, n_t, m_c, s_c, n_c, equal_var=False)
    v_c, v_t = s_c**2 / n_c, s_t**2 / n_t
    df = (v_c + v_t) ** 2 / (v_c**2 / (n_c - 1) + v_t**2 / (n_t - 1))
    half = stats.t.ppf(1 - (1 - confidence) / 2, df) * math.sqrt(v_c + v_t)
    c_ci = stats.t.interval(confidence, n_c - 1, loc=m_c, scale=s_c / math.sqrt(n_c))
    t_ci = stats.t.interval(confidence, n_t - 1, loc=m_t, scale=s_t / math.sqrt(n_t))
    relative = fieller_relative(m_c, s_c**2 / n_c, m_t, s_t**2 / n_t, stats.t.ppf(1 - (1 - confidence) / 2, df), float(p))
    return {
        "id": f"continuous-{i}",
        "kind": "continuous",
        "confidence": confidence,
        # Sums from the same data, in the form a warehouse would return.
        "control": {"n": n_c, "sum": float(y_c.sum()), "sumSquares": float((y_c**2).sum())},
        "treatment": {"n": n_t, "sum": float(y_t.sum()), "sumSquares": float((y_t**2).sum())},
        "expected": {
            "statistic": float(t),
            "pValue": float(p),
            "ciLow": (m_t - m_c) - half,
            "ciHigh": (m_t - m_c) + half,
            "df": df,
            "controlCi": [float(c_ci[0]), float(c_ci[1])],
            "treatmentCi": [float(t_ci[0]), float(t_ci[1])],
            "relative": relative,
        },
    }


def fieller_relative(m_c, v_c, m_t, v_t, critical, p_value):
    """Fieller's interval for m_t / m_c - 1: the ratios rho where |m_t - rho m_c| / sqrt(v_t +
    rho^2 v_c) <= critical (v: variance of a mean), by root finding on each side of m_t / m_c."""
    estimate = m_t / m_c - 1
    excess = lambda rho: (m_t - rho * m_c) ** 2 - critical**2 * (v_t + rho**2 * v_c)
    center = m_t / m_c
    step = abs(center) + 1
    low_out = center - step
    while excess(low_out) <= 0:
        step *= 2
        low_out = center - step
    step = abs(center) + 1
    high_out = center + step
    while excess(high_out) <= 0:
        step *= 2
        high_out = center + step
    low = optimize.brentq(excess, low_out, center, xtol=1e-300, rtol=1e-15, maxiter=500)
    high = optimize.brentq(excess, center, high_out, xtol=1e-300, rtol=1e-15, maxiter=500)
    return {"estimate": estimate, "ciLow": low - 1, "ciHigh": high - 1, "pValue": p_value}


def exact_moments(values):
    """Mean and sample variance in rational arithmetic (no rounding until the end)."""
    exact = [Fraction(float(v)) for v in values]
    m = sum(exact) / len(exact)
    return m, sum((v - m) ** 2 for v in exact) / (len(exact) - 1)


def large_mean_cases():
    """sd 1 and 1,000 customers per arm around a large mean (treatment +0.25): the one-pass sum of
    squares loses the variance here. Rows are stored so lib/lift sees exactly these values."""
    gen = np.random.default_rng(13)
    cases = []
    for center in (1e7, 1e8, 1e9):
        control = center + gen.normal(0, 1, 1000)
        treatment = center + 0.25 + gen.normal(0, 1, 1000)
        t, p = stats.ttest_ind(treatment, control, equal_var=False)
        se = math.sqrt(control.var(ddof=1) / len(control) + treatment.var(ddof=1) / len(treatment))
        # numpy's mean of values near 1e9 is itself off by ~1e-8, which moves a p-value of 1e-8 by
        # a few 1e-6 relative: also store the test on exactly computed means and variances.
        (m_c, v_c), (m_t, v_t) = exact_moments(control), exact_moments(treatment)
        w_c, w_t = v_c / len(control), v_t / len(treatment)
        exact_se = math.sqrt(float(w_c + w_t))
        exact_df = float((w_c + w_t) ** 2 / (w_c**2 / (len(control) - 1) + w_t**2 / (len(treatment) - 1)))
        exact_t = float(m_t - m_c) / exact_se
        cases.append({
            "mean": center,
            "exact": {"estimate": float(m_t - m_c), "standardError": exact_se, "statistic": exact_t, "pValue": float(2 * stats.t.sf(abs(exact_t), exact_df))},
            "control": [float(v) for v in control],
            "treatment": [float(v) for v in treatment],
            "expected": {"estimate": float(treatment.mean() - control.mean()), "standardError": se, "statistic": float(t), "pValue": float(p)},
        })
    return cases


def cuped_case(i):
    """CUPED on raw data: theta from the pooled regression of y on x, y adjusted per customer,
    then scipy's Welch test on the adjusted values. lib/lift does the same from sums only."""
    n_c, n_t = (int(v) for v in rng.integers(20, 8000, size=2))
    slope = float(rng.uniform(-3, 3))
    noise = float(rng.uniform(0.2, 5))
    effect = float(rng.uniform(-0.5, 1.0))
    x_c = rng.gamma(2.0, 20.0, size=n_c)
    x_t = rng.gamma(2.0, 20.0, size=n_t)
    y_c = 5 + slope * x_c + rng.normal(0, noise * 10, size=n_c)
    y_t = 5 + effect * 10 + slope * x_t + rng.normal(0, noise * 10, size=n_t)
    confidence = float(rng.choice([0.9, 0.95, 0.99]))
    x_all = np.concatenate([x_c, x_t])
    y_all = np.concatenate([y_c, y_t])
    theta = float(np.cov(x_all, y_all, ddof=1)[0, 1] / np.var(x_all, ddof=1))
    a_c = y_c - theta * (x_c - x_all.mean())
    a_t = y_t - theta * (x_t - x_all.mean())
    t, p = stats.ttest_ind(a_t, a_c, equal_var=False)
    v_c, v_t = a_c.var(ddof=1) / n_c, a_t.var(ddof=1) / n_t
    df = (v_c + v_t) ** 2 / (v_c**2 / (n_c - 1) + v_t**2 / (n_t - 1))
    half = stats.t.ppf(1 - (1 - confidence) / 2, df) * math.sqrt(v_c + v_t)
    diff = float(a_t.mean() - a_c.mean())
    before = y_c.var(ddof=1) / n_c + y_t.var(ddof=1) / n_t
    sums = lambda x, y: {
        "n": len(y),
        "sum": float(y.sum()),
        "sumSquares": float((y**2).sum()),
        "covariateSum": float(x.sum()),
        "covariateSumSquares": float((x**2).sum()),
        "crossSum": float((x * y).sum()),
    }
    return {
        "id": f"cuped-{i}",
        "confidence": confidence,
        "control": sums(x_c, y_c),
        "treatment": sums(x_t, y_t),
        "expected": {
            "theta": theta,
            "varianceReduction": 1 - (v_c + v_t) / before,
            "estimate": diff,
            "statistic": float(t),
            "pValue": float(p),
            "ciLow": diff - half,
            "ciHigh": diff + half,
            "df": df,
        },
    }


def srm_case(i):
    arms = int(rng.integers(2, 6))
    weights = rng.uniform(0.05, 1, size=arms)
    total = int(rng.integers(50, 200000))
    shares = weights / weights.sum()
    # Sometimes the split really is off, so small p-values are covered too.
    drift = rng.uniform(0.9, 1.1, size=arms) if i % 2 else np.ones(arms)
    counts = rng.multinomial(total, shares * drift / (shares * drift).sum())
    chi2, p = stats.chisquare(counts, f_exp=shares * counts.sum())
    return {"counts": [int(c) for c in counts], "weights": [float(w) for w in weights], "chiSquare": float(chi2), "df": arms - 1, "pValue": float(p)}


def distribution_cases():
    """lib/stats/distributions.ts against scipy.stats, tails included (the p-values above reach
    1e-200 and below)."""
    out = {"normCdf": [], "normSf": [], "normPpf": [], "tCdf": [], "tSf": [], "tPpf": [], "chiSquareSf": []}
    for z in list(np.linspace(-37.5, 8.5, 47)) + list(rng.normal(0, 3, size=40)):
        out["normCdf"].append([float(z), float(stats.norm.cdf(z))])
        out["normSf"].append([float(-z), float(stats.norm.sf(-z))])
    for p in list(10.0 ** -np.arange(1, 300, 7)) + list(rng.uniform(0, 1, size=40)) + [0.5, 0.975, 0.995, 1 - 1e-12]:
        out["normPpf"].append([float(p), float(stats.norm.ppf(p))])
    for _ in range(120):
        df = float(10 ** rng.uniform(-0.3, 6))
        t = float(rng.normal(0, 1) * 10 ** rng.uniform(-1, 1.3))
        out["tCdf"].append([t, df, float(stats.t.cdf(t, df))])
        out["tSf"].append([abs(t), df, float(stats.t.sf(abs(t), df))])
        p = float(rng.choice([0.5, 0.8, 0.9, 0.95, 0.975, 0.995, 0.9995, float(rng.uniform(0.01, 0.99))]))
        out["tPpf"].append([p, df, float(stats.t.ppf(p, df))])
    for _ in range(120):
        df = int(rng.integers(1, 60))
        x = float(rng.gamma(df / 2, 2) * rng.uniform(0.05, 8))
        out["chiSquareSf"].append([x, df, float(stats.chi2.sf(x, df))])
    return out


def correction_case(i):
    m = int(rng.integers(2, 30))
    p = rng.uniform(0, 1, size=m) ** float(rng.uniform(1, 6))
    return {
        "pValues": [float(v) for v in p],
        "holm": [float(v) for v in multipletests(p, method="holm")[1]],
        "benjaminiHochberg": [float(v) for v in multipletests(p, method="fdr_bh")[1]],
    }


def hillstrom(path):
    arms = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            arm = arms.setdefault(row["segment"], {m: {"n": 0, "sum": 0.0, "sumSquares": 0.0} for m in ("visit", "conversion", "spend")})
            for metric in ("visit", "conversion", "spend"):
                y = float(row[metric])
                arm[metric]["n"] += 1
                arm[metric]["sum"] += y
                arm[metric]["sumSquares"] += y * y
    return arms


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = [binary_case(i) for i in range(100)] + [continuous_case(i) for i in range(100)]
    meta = {"generator": "bench/lift-reference.py", "scipy": __import__("scipy").__version__, "statsmodels": __import__("statsmodels").__version__}
    with open(os.path.join(OUT, "reference-cases.json"), "w") as f:
        corrections = [correction_case(i) for i in range(20)]
        # Drawn after the cases above, so adding them left those cases unchanged.
        cuped = [cuped_case(i) for i in range(30)]
        srm = [srm_case(i) for i in range(30)]
        json.dump({"meta": meta, "cases": cases, "corrections": corrections, "cuped": cuped, "srm": srm}, f, indent=1)
    with open(os.path.join(OUT, "distributions.json"), "w") as f:
        json.dump({"meta": meta, **distribution_cases()}, f, indent=0)
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "datasets", "lift", "hillstrom.csv")
    with open(os.path.join(OUT, "hillstrom-stats.json"), "w") as f:
        json.dump({"source": "shared/datasets/lift/hillstrom.csv", "arms": hillstrom(data)}, f, indent=1)
    with open(os.path.join(OUT, "large-means.json"), "w") as f:
        json.dump({"meta": meta, "cases": large_mean_cases()}, f)
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
