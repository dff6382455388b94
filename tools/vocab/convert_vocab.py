import base64, gzip, json, sys
def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~")+1)) + list(range(ord("¡"), ord("¬")+1)) + list(range(ord("®"), ord("ÿ")+1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b); cs.append(256+n); n += 1
    return {chr(c): b for b, c in zip(bs, cs)}
def from_hf(path, out):
    t = json.load(open(path))
    dec = bytes_to_unicode()
    rows = sorted(t["model"]["vocab"].items(), key=lambda kv: kv[1])
    with gzip.GzipFile(out, "wb", mtime=0) as f:
        for tok, rank in rows:
            f.write(base64.b64encode(bytes(dec[c] for c in tok)) + b" " + str(rank).encode() + b"\n")
    print(out, len(rows))
def from_claude(path, out):
    t = json.load(open(path))
    n = 0
    with gzip.GzipFile(out, "wb", mtime=0) as f:
        for line in t["bpe_ranks"].split("\n"):
            if not line: continue
            parts = line.split(" ")
            off = int(parts[1])
            for i, tok in enumerate(parts[2:]):
                f.write(tok.encode() + b" " + str(off + i).encode() + b"\n"); n += 1
    print(out, n, t["pat_str"], t["special_tokens"])
from_hf(sys.argv[1], sys.argv[2]); from_hf(sys.argv[3], sys.argv[4]); from_claude(sys.argv[5], sys.argv[6])
