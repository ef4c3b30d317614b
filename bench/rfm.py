#!/usr/bin/python3
# pandas reference for bench/rfm.ts: groupby + rank + qcut on the same synthetic transactions.
# Reads the columns bench/rfm.ts wrote (customer index int32, timestamp ms float64, amount
# float64), builds string customer IDs like the lib run gets, then times the usual RFM recipe with
# the same returns rule (transactions with amount <= 0 do not count toward frequency/recency).
# Timed: rfm(df) only, on a DataFrame built beforehand from the in-memory columns (reading the files,
# building the string IDs and the DataFrame are outside the timed block; no date parsing: the
# timestamps are float64 ms, as on the lib side). Wall (perf_counter) and CPU (process_time) seconds.
import json, resource, sys, time
import numpy as np
import pandas as pd

folder, runs = sys.argv[1], int(sys.argv[2])
cust = np.fromfile(f"{folder}/customer.i32", dtype=np.int32)
ts = np.fromfile(f"{folder}/timestamp.f64", dtype=np.float64)
amount = np.fromfile(f"{folder}/amount.f64", dtype=np.float64)
ids = np.array([f"C{i}" for i in range(int(cust.max()) + 1)], dtype=object)
DAY = 86_400_000


def rfm(df):
    positive = df[df["amount"] > 0]
    agg = positive.groupby("customer_id", sort=False).agg(last=("ts", "max"), first=("ts", "min"), frequency=("ts", "size"))
    monetary = df.groupby("customer_id", sort=False)["amount"].sum().rename("monetary")
    out = monetary.to_frame().join(agg)
    as_of_day = np.floor(df["ts"].max() / DAY) + 1
    out["recency"] = as_of_day - np.floor(out["last"] / DAY)
    scored = out.dropna(subset=["last"])
    labels = [1, 2, 3, 4, 5]
    r = pd.qcut(scored["recency"].rank(method="first", ascending=False), 5, labels=labels)
    f = pd.qcut(scored["frequency"].rank(method="first"), 5, labels=labels)
    m = pd.qcut(scored["monetary"].rank(method="first"), 5, labels=labels)
    return out, r, f, m


results = {}
for name, key in (("pandas (string IDs)", ids[cust]), ("pandas (integer IDs)", cust)):
    df = pd.DataFrame({"customer_id": key, "ts": ts, "amount": amount})
    seconds, cpu_seconds = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        out, r, f, m = rfm(df)
        seconds.append(time.perf_counter() - started)
        cpu_seconds.append(time.process_time() - cpu_started)
    results[name] = {
        "median_seconds": float(np.median(seconds)),
        "median_cpu_seconds": float(np.median(cpu_seconds)),
        "wall_seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "customers": int(len(out)),
        "frequency_sum": int(out["frequency"].fillna(0).sum()),
        "recency_sum": float(out["recency"].fillna(0).sum()),
        "monetary_sum": float(out["monetary"].sum()),
    }
    del df
TIMED = "rfm(df) on a prebuilt DataFrame: object string IDs (or int32), float64 epoch ms, float64 amounts; no file reading, ID building or date parsing"
print(json.dumps({"timed": TIMED, "results": results, "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
