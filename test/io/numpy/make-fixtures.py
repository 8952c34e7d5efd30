# Writes test/io/numpy/fixtures/: pickles, .npy and .npz files made by numpy (2.4.6 here, python 3),
# one Python 2 pickle written opcode by opcode (no Python 2 on this machine), hostile pickles, and
# expected.json with every array's dtype, shape and values as numpy reads them back.
# Run: python3 test/io/numpy/make-fixtures.py
import collections, io, json, os, pickle, struct, zipfile
import numpy as np

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
os.makedirs(out, exist_ok=True)
expected = {}

def put(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)

def describe(v):
    if isinstance(v, np.ndarray):
        return {"dtype": str(v.dtype), "shape": list(v.shape), "data": [x if not isinstance(x, float) else x for x in v.ravel(order="C").tolist()]}
    if isinstance(v, dict):
        return {str(k): describe(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [describe(x) for x in v]
    if isinstance(v, bytes):
        return {"bytes": list(v)}
    if isinstance(v, np.generic):
        return v.item()
    return v

rng = np.random.default_rng(7)
arrays = {
    "W": rng.standard_normal((3, 4)).astype(np.float32),
    "b": rng.standard_normal(4),  # float64
    "i32": np.arange(-3, 3, dtype=np.int32).reshape(2, 3),
    "i64": np.array([-(2**40), 5], dtype=np.int64),
    "u8": np.arange(250, 256, dtype=np.uint8),
    "mask": np.array([True, False, True]),
    "big": np.arange(4, dtype=">f4"),
    "fortran": np.asfortranarray(np.arange(24, dtype=np.float32).reshape(2, 3, 4)),
    "scalar0d": np.array(2.5, dtype=np.float32),
    "empty": np.zeros((0, 3), dtype=np.float32),
}
for proto in (2, 3, 4, 5):
    put(f"dict-p{proto}.pkl", pickle.dumps(arrays, protocol=proto))
expected["dict"] = describe(arrays)

nested = {"layers": [arrays["W"], (arrays["b"], arrays["u8"])], "lr": 0.01, "epochs": 3, "name": "net", "flag": None,
          "np_scalar": np.float64(0.125), "od": collections.OrderedDict([("a", arrays["i32"])]), 7: "seven"}
put("nested-p4.pkl", pickle.dumps(nested, protocol=4))
put("list-p2.pkl", pickle.dumps([arrays["W"], arrays["b"]], protocol=2))
put("array-p3.pkl", pickle.dumps(arrays["W"], protocol=3))
expected["nested"] = describe(nested)

# numpy 1.x spelling (numpy.core.multiarray), as the book's files are: the same pickle with the old module name
p3 = pickle.dumps(arrays, protocol=3)
assert b"numpy._core.multiarray" in p3
put("dict-p3-numpy1.pkl", p3.replace(b"numpy._core.multiarray", b"numpy.core.multiarray"))

# Python 2, protocol 2: dict {'W': float32 [2, 3]} with str (SHORT_BINSTRING) data, as Python 2's numpy wrote it
w2 = np.array([[1.5, -2.0, 3.25], [0.0, 1e-3, -7.0]], dtype=np.float32)
raw = w2.tobytes()
py2 = (b"\x80\x02}q\x00U\x01Wq\x01cnumpy.core.multiarray\n_reconstruct\nq\x02cnumpy\nndarray\nq\x03K\x00\x85U\x01b\x87Rq\x04"
       b"(K\x01K\x02K\x03\x86cnumpy\ndtype\nq\x05U\x02f4K\x00K\x01\x87Rq\x06(K\x03U\x01<NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb"
       b"\x89U" + bytes([len(raw)]) + raw + b"tbs.")
back = pickle.loads(py2, encoding="latin1")
assert back["W"].dtype == np.float32 and (back["W"] == w2).all()
put("python2-p2.pkl", py2)
expected["python2"] = describe({"W": w2})

# Hostile pickles: each must be refused before anything runs
class System:
    def __reduce__(self):
        return (os.system, ("touch /tmp/scratchnet-pickle-was-executed",))
class Eval:
    def __reduce__(self):
        return (eval, ("1 + 1",))
class Custom:
    def __init__(self):
        self.x = 1
put("evil-system.pkl", pickle.dumps({"W": arrays["W"], "x": System()}, protocol=3))
put("evil-eval-p4.pkl", pickle.dumps([Eval()], protocol=4))
put("evil-custom.pkl", pickle.dumps(Custom(), protocol=2))
put("object-array.pkl", pickle.dumps(np.array([1, "a"], dtype=object), protocol=3))
put("structured.pkl", pickle.dumps(np.zeros(2, dtype=[("a", "<f4"), ("b", "<i4")]), protocol=3))
put("protocol0.pkl", pickle.dumps({"a": 1}, protocol=0))

# .npy and .npz
for name in ("W", "b", "i64", "big", "fortran", "mask"):
    buf = io.BytesIO()
    np.save(buf, arrays[name])
    put(f"{name}.npy", buf.getvalue())
for name, save in (("stored", np.savez), ("compressed", np.savez_compressed)):
    buf = io.BytesIO()
    save(buf, W=arrays["W"], b=arrays["b"], fortran=arrays["fortran"])
    put(f"{name}.npz", buf.getvalue())
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_STORED if name == "stored" else zipfile.ZIP_DEFLATED}

with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump({"numpy": np.__version__, **expected}, f)
