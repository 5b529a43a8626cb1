import time, io
from sim.dashboard.pair import Pair, Settings
from sim.dashboard.charts import LiveCharts
from sim.dashboard.village import VillageView
p=Pair(Settings(("scenario=county",),("regime=fengqiao",),("regime=reactive",)))
p.step(50)
c=LiveCharts({"A":"a","B":"b"},365); v=VillageView(p.models[0],0)
def t(f, n=3):
    s=time.perf_counter()
    for _ in range(n): f()
    return (time.perf_counter()-s)/n
print("update charts", t(lambda: c.update(p.series(), p.difference())))
print("series", t(lambda: p.series()))
print("village update", t(lambda: v.update(p.slots_before[0])))
for name, fig in [("live", c.live), ("diff", c.diff), ("village", v.fig)]:
    print(name, "png80", t(lambda: fig.savefig(io.BytesIO(), format="png", dpi=80)))
c.live.set_layout_engine("none")
print("live no layout", t(lambda: c.live.savefig(io.BytesIO(), format="png", dpi=80)))
