from exp import *
full=['lw','r7','r28','sw8','ly','hasly','obs','cv','zero','wkend','h','lvl']
def fw(corr): return ['%.1f/%.1f/%.1f'%tuple(100*(1-b/a) for a,b in zip(m0,m1)) for m0,m1 in foldwise(corr)]
def run(spec,lam,hub,wt,minn=200):
    corr=[0.0]*len(tun); months=sorted({c['month'] for c in tun})
    for k in range(5):
        for m in months:
            idx=[i for i,c in enumerate(tun) if FM[c['meter']]==k and c['month']==m]
            if not idx: continue
            tr=[c for c in tun if FM[c['meter']]!=k and c['end']<m.toordinal()]
            if len(tr)<minn: continue
            w=fit(tr,spec,lam,hub,wt)
            for i in idx: corr[i]=pred(w,tun[i],spec)
    return corr
for name,spec,lam,hub,wt in (('intercept only (a global bias)',[],0.0,None,'none'),('ridge, all features, huber, MAPE weights',full,0.01,0.1,'share'),('ridge, all features, lam 0.1',full,0.1,None,'none')):
    c=run(spec,lam,hub,wt); print('time-safe %-42s %s %s'%(name,fmt(by_h(tun,c),BB_T),fw(c)),flush=True)
