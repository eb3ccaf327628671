from gbm2 import *
import sys, time
full=['lw','r7','r28','sw8','ly','hasly','obs','cv','zero','wkend','h','lvl']
def fw(corr): return ['%.1f/%.1f/%.1f'%tuple(100*(1-b/a) for a,b in zip(m0,m1)) for m0,m1 in foldwise(corr)]
def tscv(spec,shrink=1.0,minn=200,**kw):
    corr=[0.0]*len(tun); months=sorted({c['month'] for c in tun})
    for k in range(5):
        for m in months:
            idx=[i for i,c in enumerate(tun) if FM[c['meter']]==k and c['month']==m]
            if not idx: continue
            tr=[c for c in tun if FM[c['meter']]!=k and c['end']<m.toordinal()]
            if len(tr)<minn: continue
            mod=gbm_fit(tr,spec,**kw)
            for i in idx: corr[i]=shrink*gbm_pred(mod,tun[i],spec)
    return corr
t0=time.time()
# sanity: plain grouped CV with gbm2 equals gbm
corr=[0.0]*len(tun)
for k in range(5):
    mod=gbm_fit([c for c in tun if FM[c['meter']]!=k],full)
    for i,c in enumerate(tun):
        if FM[c['meter']]==k: corr[i]=gbm_pred(mod,c,full)
print('grouped CV (not time-safe)',fmt(by_h(tun,corr),BB_T),fw(corr),'%.0fs'%(time.time()-t0),flush=True)
c1=tscv(full)
print('time-safe grouped CV',fmt(by_h(tun,c1),BB_T),fw(c1),'%.0fs'%(time.time()-t0),flush=True)
for s in (0.5,):
    print('time-safe, shrink',s,fmt(by_h(tun,[s*x for x in c1]),BB_T),fw([s*x for x in c1]),flush=True)
import json; json.dump(c1,open('/tmp/fc3/tscv_full.json','w'))
