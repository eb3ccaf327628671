from exp import *
import bisect
def bins_for(X, nb=16):
    th=[]
    for j in range(len(X[0])):
        v=sorted(x[j] for x in X); th.append(sorted({v[int(len(v)*q/nb)] for q in range(1,nb)}))
    return th
def binidx(X,th): return [[bisect.bisect_left(th[j],x[j]) for j in range(len(th))] for x in X]  # x<=th[b] <=> bin<=b
def build(B,g,idx,th,depth,minleaf,lam):
    s=sum(g[i] for i in idx); n=len(idx); leaf=('L',s/(n+lam))
    if depth==0 or n<2*minleaf: return leaf
    base=s*s/(n+lam); best=None
    for j in range(len(th)):
        nb=len(th[j])+1; gs=[0.0]*nb; cs=[0]*nb
        for i in idx:
            b=B[i][j]; gs[b]+=g[i]; cs[b]+=1
        sl=0.0; nl=0
        for b in range(nb-1):
            sl+=gs[b]; nl+=cs[b]; nr=n-nl
            if nl<minleaf: continue
            if nr<minleaf: break
            sr=s-sl; gain=sl*sl/(nl+lam)+sr*sr/(nr+lam)-base
            if best is None or gain>best[0]: best=(gain,j,b)
    if best is None or best[0]<=0: return leaf
    _,j,b=best
    li=[i for i in idx if B[i][j]<=b]; ri=[i for i in idx if B[i][j]>b]
    return ('S',j,th[j][b],build(B,g,li,th,depth-1,minleaf,lam),build(B,g,ri,th,depth-1,minleaf,lam))
def ev(t,x):
    while t[0]=='S': t=t[3] if x[t[1]]<=t[2] else t[4]
    return t[1]
def gbm_fit(train,spec,rounds=120,lr=0.025,depth=3,minleaf=60,huber=0.1):
    X=[feats(c,spec)[1:] for c in train]; Y=[target(c) for c in train]
    th=bins_for(X); B=binidx(X,th); F=[0.0]*len(X); trees=[]; idx=list(range(len(X)))
    for r in range(rounds):
        g=[max(-huber,min(huber,y-f)) for y,f in zip(Y,F)]
        t=build(B,g,idx,th,depth,minleaf,1.0); trees.append(t)
        for i,x in enumerate(X): F[i]+=lr*ev(t,x)
    return (trees,lr)
def gbm_pred(m,c,spec):
    trees,lr=m; x=feats(c,spec)[1:]; return lr*sum(ev(t,x) for t in trees)
