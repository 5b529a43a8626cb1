import time, solara
from sim.dashboard import app, state
box, rc = solara.render(app.Compare(), handle_error=False)
state.ensure()
state.step(1)
t=time.perf_counter()
for i in range(10):
    state.step(5)
print("10 frames of 5 days incl render", time.perf_counter()-t)
t=time.perf_counter()
for i in range(10):
    state.pair.value.step(5)
print("10x5 days stepping only", time.perf_counter()-t)
