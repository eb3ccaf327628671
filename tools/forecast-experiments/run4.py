from gbm import *
def fw(corr): return ['%.1f/%.1f/%.1f'%tuple(100*(1-b/a) for a,b in zip(m0,m1)) for m0,m1 in foldwise(corr)]
spec=['lw','r7','r28','sw8','ly','hasly','obs','cv','zero','wkend','h','lvl']
for lam,hub in ((0.01,0.1),(0.1,0.1),(0.03,0.05)):
    corr=cv(spec,lam,hub,'share'); print('ridge',lam,hub,fmt(by_h(tun,corr),BB_T),fw(corr),flush=True)
spec2=['lw','r7','r28','sw8','ly','hasly','obs','h']
for kw in (dict(rounds=80,depth=3,minleaf=60,huber=0.1),):
    corr=gcv(spec2,**kw); print('gbm cands+obs+h',kw, fmt(by_h(tun,corr),BB_T), fw(corr), flush=True)
for kw in (dict(rounds=60,depth=3,minleaf=100,huber=0.1),dict(rounds=120,depth=3,minleaf=60,huber=0.1,lr=0.025)):
    corr=gcv(spec,**kw); print('gbm all',kw, fmt(by_h(tun,corr),BB_T), fw(corr), flush=True)
