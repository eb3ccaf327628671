from gbm import *
spec=['lw','r7','r28','sw8','ly','hasly','obs','cv','zero','wkend','h','lvl']
for kw in (dict(rounds=80,depth=3,minleaf=60),dict(rounds=150,depth=3,minleaf=60),dict(rounds=80,depth=4,minleaf=60),dict(rounds=80,depth=3,minleaf=60,huber=0.05),dict(rounds=80,depth=3,minleaf=60,huber=1.0)):
    corr=gcv(spec,**kw); print(kw, fmt(by_h(tun,corr),BB_T), [ ('%.1f/%.1f/%.1f'%tuple(100*(1-b/a) for a,b in zip(m0,m1))) for m0,m1 in foldwise(corr)], flush=True)
