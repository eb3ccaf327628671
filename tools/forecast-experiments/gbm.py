from exp import *
def bins_for(X, nb=16):
    p=len(X[0]); th=[]
    for j in range(p):
        v=sorted(x[j] for x in X); t=sorted({v[int(len(v)*q/nb)] for q in range(1,nb)})
        th.append(t)
    return th
def build(X,g,idx,th,depth,minleaf,lam):
    s=sum(g[i] for i in idx); n=len(idx)
    leafval=s/(n+lam)
    if depth==0 or n<2*minleaf: return ('L',leafval)
    best=None; base=s*s/(n+lam)
    for j in range(len(th)):
        for t in th[j]:
            sl=0.0; nl=0
            for i in idx:
                if X[i][j]<=t: sl+=g[i]; nl+=1
            nr=n-nl
            if nl<minleaf or nr<minleaf: continue
            sr=s-sl; gain=sl*sl/(nl+lam)+sr*sr/(nr+lam)-base
            if best is None or gain>best[0]: best=(gain,j,t)
    if best is None or best[0]<=0: return ('L',leafval)
    _,j,t=best
    li=[i for i in idx if X[i][j]<=t]; ri=[i for i in idx if X[i][j]>t]
    return ('S',j,t,build(X,g,li,th,depth-1,minleaf,lam),build(X,g,ri,th,depth-1,minleaf,lam))
def ev(tree,x):
    while tree[0]=='S': tree=tree[3] if x[tree[1]]<=tree[2] else tree[4]
    return tree[1]
def gbm_fit(train,spec,rounds=60,lr=0.05,depth=2,minleaf=40,huber=0.1):
    X=[feats(c,spec)[1:] for c in train]; Y=[target(c) for c in train]
    th=bins_for(X); F=[0.0]*len(X); trees=[]
    for r in range(rounds):
        res=[y-f for y,f in zip(Y,F)]
        g=[max(-huber,min(huber,e)) for e in res]
        t=build(X,g,list(range(len(X))),th,depth,minleaf,1.0); trees.append(t)
        for i,x in enumerate(X): F[i]+=lr*ev(t,x)
    return trees
def gbm_pred(trees,c,spec,lr=0.05):
    x=feats(c,spec)[1:]; return lr*sum(ev(t,x) for t in trees)
def gcv(spec,**kw):
    corr=[0.0]*len(tun)
    for k in range(5):
        tr=[c for c in tun if FM[c['meter']]!=k]
        trees=gbm_fit(tr,spec,**kw)
        for i,c in enumerate(tun):
            if FM[c['meter']]==k: corr[i]=gbm_pred(trees,c,spec,kw.get('lr',0.05))
    return corr
if __name__=='__main__':
    spec=['lw','r7','r28','sw8','ly','hasly','obs','cv','zero','wkend','h','lvl']
    for kw in (dict(rounds=40,depth=2),dict(rounds=80,depth=2),dict(rounds=40,depth=3,minleaf=60)):
        corr=gcv(spec,**kw); print(kw, fmt(by_h(tun,corr),BB_T), flush=True)
