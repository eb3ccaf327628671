from gbm2 import *
import time
full=['lw','r7','r28','sw8','ly','hasly','obs','cv','zero','wkend','h','lvl']
def fw(corr): return ['%.1f/%.1f/%.1f'%tuple(100*(1-b/a) for a,b in zip(m0,m1)) for m0,m1 in foldwise(corr)]
def run(select,spec=full,minn=200,**kw):
    corr=[0.0]*len(tun); months=sorted({c['month'] for c in tun})
    for k in range(5):
        for m in months:
            idx=[i for i,c in enumerate(tun) if FM[c['meter']]==k and c['month']==m]
            if not idx: continue
            tr=[c for c in tun if FM[c['meter']]!=k and select(c,m,tun[idx[0]])]
            if len(tr)<minn: continue
            mod=gbm_fit(tr,spec,**kw)
            for i in idx: corr[i]=gbm_pred(mod,tun[i],spec)
    return corr
t0=time.time()
c=run(lambda c,m,x: c['month']!=m)
print('grouped CV, same calendar month left out of training (not time-safe otherwise)',fmt(by_h(tun,c),BB_T),fw(c),'%.0fs'%(time.time()-t0),flush=True)
c=run(lambda c,m,x: c['end']<m.toordinal() and c['dataset']==x['dataset'])
print('time-safe, trained on own dataset (customer type) only',fmt(by_h(tun,c),BB_T),fw(c),'%.0fs'%(time.time()-t0),flush=True)
