"""Rebuild a KEDRec student from raw weights in PyTorch and save it as TorchScript.

Used to produce the test fixture core/src/test/resources/byo/ (see TorchScriptFixture.java) and as a worked example
of the bring-your-own-model contract: the module takes int64 token ids [batch, time] and returns logits
[batch, time, vocab]. The architecture mirrors org.kedrec.core.lm.StudentTransformer exactly: learned positions,
pre-LayerNorm blocks with a fused QKV projection, additive causal mask, GELU MLP, tied output head.

usage: python student_to_torchscript.py WEIGHTS_DIR OUT_DIR
"""
import json
import math
import os
import sys

import numpy as np
import torch


class Student(torch.nn.Module):
    def __init__(self, weights_dir):
        super().__init__()
        index = json.load(open(os.path.join(weights_dir, "index.json")))
        cfg = index["config"]
        self.layers = int(cfg["layers"])
        self.heads = int(cfg["heads"])
        self.d = int(cfg["dModel"])
        self.params = torch.nn.ParameterDict()
        for p in index["parameters"]:
            data = np.fromfile(os.path.join(weights_dir, p["name"]), dtype="<f4").reshape(p["shape"])
            self.params[p["name"]] = torch.nn.Parameter(torch.from_numpy(data.copy()), requires_grad=False)

    def ln(self, x, prefix):
        return torch.nn.functional.layer_norm(x, (self.d,), self.params[prefix + "_gamma"],
                                              self.params[prefix + "_beta"], 1e-5)

    def forward(self, ids):
        b, t = ids.shape
        hd = self.d // self.heads
        x = torch.nn.functional.embedding(ids, self.params["token_embedding"]) \
            + self.params["position_embedding"][:t]
        keys = torch.arange(t)
        mask = (keys.unsqueeze(0) > keys.unsqueeze(1)).float() * -1e9
        for l in range(self.layers):
            p = "layer%d_" % l
            h = self.ln(x, p + "ln1")
            qkv = torch.nn.functional.linear(h, self.params[p + "qkv_weight"], self.params[p + "qkv_bias"])
            qkv = qkv.reshape(b, t, 3, self.heads, hd).permute(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            att = (q @ k.transpose(-1, -2)) * (1.0 / math.sqrt(hd)) + mask
            y = (att.softmax(-1) @ v).transpose(1, 2).reshape(b, t, self.d)
            x = x + torch.nn.functional.linear(y, self.params[p + "proj_weight"], self.params[p + "proj_bias"])
            h = self.ln(x, p + "ln2")
            m = torch.nn.functional.gelu(torch.nn.functional.linear(h, self.params[p + "fc_weight"],
                                                                    self.params[p + "fc_bias"]))
            x = x + torch.nn.functional.linear(m, self.params[p + "out_weight"], self.params[p + "out_bias"])
        x = torch.nn.functional.layer_norm(x, (self.d,), self.params["final_gamma"], self.params["final_beta"], 1e-5)
        return torch.nn.functional.linear(x, self.params["token_embedding"])


if __name__ == "__main__":
    weights, out = sys.argv[1], sys.argv[2]
    model = Student(weights).eval()
    os.makedirs(out, exist_ok=True)
    with torch.no_grad():
        # Trace with a length that is neither 1 nor the maximum; the slices and arange are traced symbolically.
        example = torch.randint(0, 300, (1, 7), dtype=torch.int64)
        traced = torch.jit.script(model) if os.environ.get("SCRIPT") else torch.jit.trace(model, (example,))
        traced.save(os.path.join(out, "model.pt"))
    print("wrote", os.path.join(out, "model.pt"))
