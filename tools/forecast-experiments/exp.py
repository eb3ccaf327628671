import csv, math, sys, random
from datetime import date
import os
rows = list(csv.DictReader(open(os.environ.get('FC_CASES', '/tmp/fc3_cases.csv'))))
E=1e-6
def f(r,k): return float(r[k]) if r[k]!='' else None
cases=[]
for r in rows:
    c = {k: r[k] for k in ('meter','dataset')}
    c['held']=r['heldout']=='1'
    for k in ('elapsed','L','monthdays','actual','todate','rM','rLW','rRR7','rRR28','rSW8','backcast','cv','zero','wkend','level','low','high'):
        c[k]=float(r[k])
    c['rLY']=f(r,'rLY')
    y,m,d=map(int,r['month'].split('-')); c['month']=date(y,m,1)
    c['origin']=c['month'].toordinal()+int(c['elapsed'])-1
    c['end']=c['month'].toordinal()+int(c['monthdays'])-1
    c['actrest']=c['actual']-c['todate']
    cases.append(c)
def lr(a,b): return math.log(max(a,E)/max(b,E)) if True else 0
def clip(x,a=1.5): return max(-a,min(a,x))
def feats(c, spec):
    rM=max(c['rM'],E)
    x=[1.0]
    F={}
    F['lw']=clip(lr(c['rLW'],rM)); F['r7']=clip(lr(c['rRR7'],rM)); F['r28']=clip(lr(c['rRR28'],rM)); F['sw8']=clip(lr(c['rSW8'],rM))
    F['ly']=clip(lr(c['rLY'],rM)) if c['rLY'] is not None else 0.0; F['hasly']=1.0 if c['rLY'] is not None else 0.0
    F['obs']=clip(lr(c['todate'],c['backcast'])) if c['backcast']>0 else 0.0
    F['cv']=min(c['cv'],3); F['zero']=c['zero']; F['wkend']=clip(math.log(max(c['wkend'],E)))
    F['h']=c['elapsed']/c['monthdays']; F['lvl']=math.log(max(c['level'],0.01))
    F['biz']=1.0 if c['dataset']=='Cambridge' else 0.0
    F['r7_28']=clip(lr(c['rRR7'],c['rRR28']))
    for s in spec:
        if '*' in s:
            a,b=s.split('*'); x.append(F[a]*F[b])
        else: x.append(F[s])
    return x
def target(c): return clip(lr(c['actrest'],max(c['rM'],E)),1.5)
def solve(A,b):
    n=len(b); M=[A[i][:]+[b[i]] for i in range(n)]
    for i in range(n):
        p=max(range(i,n),key=lambda r:abs(M[r][i])); M[i],M[p]=M[p],M[i]
        for r in range(n):
            if r!=i:
                fct=M[r][i]/M[i][i]
                if fct: 
                    for k in range(i,n+1): M[r][k]-=fct*M[i][k]
    return [M[i][n]/M[i][i] for i in range(n)]
def fit(train, spec, lam, huber=None, weight='none'):
    X=[feats(c,spec) for c in train]; Y=[target(c) for c in train]
    # weights: optional rest-share weight so the fit cares as MAPE does
    W=[ (c['rM']/c['actual'] if weight=='share' else 1.0) for c in train]
    p=len(X[0]); w=[0.0]*p
    for it in range(1 if huber is None else 8):
        A=[[0.0]*p for _ in range(p)]; bb=[0.0]*p
        for x,y,wt0 in zip(X,Y,W):
            wt=wt0
            if huber is not None and it>0:
                res=y-sum(a*b for a,b in zip(w,x)); wt*= 1.0 if abs(res)<=huber else huber/abs(res)
            for i in range(p):
                bb[i]+=wt*x[i]*y
                xi=wt*x[i]
                for j in range(p): A[i][j]+=xi*x[j]
        n=sum(W)
        for i in range(p): A[i][i]+=(lam*n if i else 0)+1e-9*n
        w=solve(A,bb)
    return w
def pred(w,c,spec,shrink=1.0): return shrink*sum(a*b for a,b in zip(w,feats(c,spec)))
def ape(c,corr): return abs(c['todate']+c['rM']*math.exp(corr)-c['actual'])/c['actual']
def mape(cs,corrs): return 100*sum(ape(c,k) for c,k in zip(cs,corrs))/len(cs)
def by_h(cs,corrs):
    out=[]
    for h in (7,14,21):
        idx=[i for i,c in enumerate(cs) if c['elapsed']==h]
        out.append(mape([cs[i] for i in idx],[corrs[i] for i in idx]))
    return out
tun=[c for c in cases if not c['held']]; held=[c for c in cases if c['held']]
# baselines for gains
def bestbase(cs):
    res=[]
    for h in (7,14,21):
        sub=[c for c in cs if c['elapsed']==h]
        def m(key): return 100*sum(abs(c['todate']+key(c)-c['actual'])/c['actual'] for c in sub)/len(sub)
        res.append(min(m(lambda c:c['rRR28']), m(lambda c:c['rLW']), m(lambda c: c['rLY'] if c['rLY'] is not None else c['rRR28'])))
    return res
meters=sorted({c['meter'] for c in tun})
def folds(k=5):
    # meters grouped: alternate assignment within dataset order
    lst=sorted({(c['dataset'],c['meter']) for c in tun})
    fm={}
    cnt={}
    for ds,m in lst:
        cnt[ds]=cnt.get(ds,0)+1; fm[m]=cnt[ds]%k
    return fm
FM=folds()
def cv(spec,lam,huber=None,weight='none'):
    corr=[0.0]*len(tun); per=[]
    for k in range(5):
        tr=[c for c in tun if FM[c['meter']]!=k]
        w=fit(tr,spec,lam,huber,weight)
        for i,c in enumerate(tun):
            if FM[c['meter']]==k: corr[i]=pred(w,c,spec)
    return corr
def foldwise(corr):
    res=[]
    for k in range(5):
        idx=[i for i,c in enumerate(tun) if FM[c['meter']]==k]
        cs=[tun[i] for i in idx]
        res.append((by_h(cs,[0]*len(cs)), by_h(cs,[corr[i] for i in idx])))
    return res
BB_T=bestbase(tun); BB_H=bestbase(held)
def fmt(m,bb): return ' / '.join('%.2f'%x for x in m)+'  gain '+' / '.join('%.1f'%(100*(1-a/b)) for a,b in zip(m,bb))
if __name__=='__main__':
    print('tuning cases',len(tun),'held',len(held))
    print('best baseline tuning',BB_T,'held',BB_H)
    print('model tuning', fmt(by_h(tun,[0]*len(tun)),BB_T))
