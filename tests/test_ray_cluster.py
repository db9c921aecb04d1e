"""The Ray engine on a cluster of two nodes, joined as docs/cluster.md's recipe joins one.

`ray.cluster_utils.Cluster` starts a head node and a worker node on this
machine, each with its own raylet, object store and two CPUs.  `claimledger
add --engine ray --jobs 3` then runs as the recipe's driver does: another
process, told the cluster's address by RAY_ADDRESS.  Three extractors of one
CPU each cannot fit on one node of two CPUs, so both nodes extract: the test
reads the cluster's own tables (the driver's job, its extractors' nodes).  The
cluster lives in a child process, so this test process never joins Ray and
the module tests of tests/test_ray.py are not disturbed.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claimledger import api
from conftest import claimledger_command
from test_ray import require_ray

CLUSTER = r"""
import json, os, subprocess, sys
import ray
from ray.cluster_utils import Cluster

command, db = json.loads(sys.argv[1]), sys.argv[2]
cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 2, "include_dashboard": False})
try:
    cluster.add_node(num_cpus=2)
    cluster.wait_for_nodes()
    env = {**os.environ, "RAY_ADDRESS": cluster.address}
    driver = subprocess.Popen([*command, "--engine", "ray", "--jobs", "3", "--db", db],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = driver.communicate()[1]
    ray.init(address=cluster.address, include_dashboard=False, log_to_driver=False)
    nodes = [n for n in ray.nodes() if n["Alive"]]
    jobs = {job["JobID"] for job in ray._private.state.jobs() if job["DriverPid"] == driver.pid}
    extractors = [a for a in ray._private.state.actors().values()
                  if a["JobID"] in jobs and "ClaimExtractor" in a["ActorClassName"]]
    print(json.dumps({"nodes": len(nodes), "cpus": sum(n["Resources"].get("CPU", 0) for n in nodes),
                      "jobs": len(jobs), "extractors": len(extractors),
                      "extractor_nodes": len({a["Address"]["NodeID"] for a in extractors}),
                      "returncode": driver.returncode, "stderr": stderr[-2000:]}))
    ray.shutdown()
finally:
    cluster.shutdown()
"""


@pytest.mark.slow
def test_a_two_node_cluster_gives_the_local_claims(tmp_path):
    require_ray()
    reference = tmp_path / "local.db"
    assert api.add([api.demo_corpus()], db=reference).ok
    db = tmp_path / "cluster.db"
    command = [*claimledger_command(), "add", str(api.demo_corpus())]
    child = subprocess.run([sys.executable, "-c", CLUSTER, json.dumps(command), str(db)],
                           capture_output=True, text=True, timeout=600)
    assert child.returncode == 0, child.stderr[-3000:]
    report = json.loads(child.stdout.strip().splitlines()[-1])
    assert report["returncode"] == 0, report["stderr"]
    # the driver joined this cluster, and its three extractors ran on both of its nodes
    assert (report["nodes"], report["cpus"], report["jobs"]) == (2, 4.0, 1)
    assert (report["extractors"], report["extractor_nodes"]) == (3, 2)
    assert api.claims(db) == api.claims(reference)
    rows, local = api.ledger(db), api.ledger(reference)
    assert (rows["series"], rows["findings"]) == (local["series"], local["findings"])
