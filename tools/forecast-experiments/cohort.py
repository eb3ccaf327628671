from exp import *
import exp, collections
# Cohort signal at the origin: how far the *tuning* meters of the same dataset (customer type) are above/below what the
# forecaster said at the cycle start for the days already elapsed (all data <= origin). Excludes the meter itself.
def so(c): return clip(lr(c['todate'],c['backcast'])) if c['backcast']>0 else 0.0
grp=collections.defaultdict(list)
for c in tun: grp[(c['dataset'],c['month'],c['elapsed'])].append(c)
for c in cases:
    others=[so(o) for o in grp[(c['dataset'],c['month'],c['elapsed'])] if o['meter']!=c['meter']]
    others.sort()
    c['cobs']=others[len(others)//2] if len(others)>=5 else 0.0   # median
    c['cobs_n']=len(others)
_feats=exp.feats
def feats2(c,spec):
    x=[1.0]
    for s in spec:
        if s=='cobs': x.append(c['cobs'])
        elif s=='cobs*h': x.append(c['cobs']*c['elapsed']/c['monthdays'])
        elif s=='cobs*lx': x.append(c['cobs']*c['L']/c['monthdays'])
        else: x.append(_feats(c,[s])[1])
    return x
exp.feats=feats2
import exp as E2
def fw(corr): return ['%.1f/%.1f/%.1f'%tuple(100*(1-b/a) for a,b in zip(m0,m1)) for m0,m1 in foldwise(corr)]
def ts(spec,lam,hub,wt,minn=200):
    corr=[0.0]*len(tun); months=sorted({c['month'] for c in tun})
    for k in range(5):
        for m in months:
            idx=[i for i,c in enumerate(tun) if FM[c['meter']]==k and c['month']==m]
            if not idx: continue
            tr=[c for c in tun if FM[c['meter']]!=k and c['end']<m.toordinal()]
            if len(tr)<minn: continue
            w=fit(tr,spec,lam,hub,wt)
            for i in idx: corr[i]=sum(a*b for a,b in zip(w,feats2(tun[i],spec)))
    return corr,w
print('cohort n: min %d'%min(c['cobs_n'] for c in cases))
for spec in (['cobs'],['cobs','cobs*lx'],['cobs','obs'],['cobs','cobs*lx','r7','lw']):
    for lam,hub,wt in ((0.0,None,'none'),(0.01,0.1,'share')):
        c=cv(spec,lam,hub,wt)
        c2,w=ts(spec,lam,hub,wt)
        print('%-28s lam %.2f hub %s | CV %s %s | time-safe %s %s | last w %s'%(spec,lam,hub,fmt(by_h(tun,c),BB_T),fw(c),fmt(by_h(tun,c2),BB_T),fw(c2),['%.3f'%v for v in w]),flush=True)
