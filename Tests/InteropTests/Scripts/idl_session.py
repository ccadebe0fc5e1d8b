"""A python-ovs IDL session for the interop tests of `digestsync serve`.

Usage: /usr/bin/python3 idl_session.py REMOTE SCHEMA_FILE

Syncs, commits a row of its own and sees it, sees a row another client inserts, and
then, after the test restarts the server, sees a row inserted after the restart and
commits again. Prints one line per step; exits 0 when done, 1 after 40 seconds.
"""
import sys
import time

import ovs.db.idl
import ovs.poller

remote, schema_file = sys.argv[1], sys.argv[2]
helper = ovs.db.idl.SchemaHelper(schema_file)
helper.register_all()
idl = ovs.db.idl.Idl(remote, helper, leader_only=False)
deadline = time.time() + 40


def say(*words):
    print(" ".join(str(word) for word in words), flush=True)


def spin(condition):
    while not condition():
        if time.time() > deadline:
            say("timeout", names())
            sys.exit(1)
        idl.run()
        poller = ovs.poller.Poller()
        idl.wait(poller)
        poller.timer_wait(50)
        poller.block()


def names():
    return sorted(row.name for row in idl.tables["Simple"].rows.values())


def commit(name):
    txn = ovs.db.idl.Transaction(idl)
    row = txn.insert(idl.tables["Simple"])
    row.name = name
    row.i = 1
    row.s = ["a", "b"]
    row.m = {"k": "v"}
    status = txn.commit()
    while status == ovs.db.idl.Transaction.INCOMPLETE:
        idl.run()
        poller = ovs.poller.Poller()
        idl.wait(poller)
        txn.wait(poller)
        poller.block()
        status = txn.commit()
    return status


spin(lambda: idl.state == idl.IDL_S_MONITORING)
say("synced", len(idl.tables["Simple"].rows))
say("own-commit", commit("py-own"))
spin(lambda: "py-own" in names())
say("own-seen")
spin(lambda: "other-1" in names())
say("other-seen other-1")
spin(lambda: "other-2" in names())
say("other-seen other-2")
say("own-commit-2", commit("py-after-restart"))
spin(lambda: "py-after-restart" in names())
row = [row for row in idl.tables["Simple"].rows.values() if row.name == "py-own"][0]
say("py-own", row.i, sorted(row.s), sorted(row.m.items()))
say("rows", *names())
idl.close()
