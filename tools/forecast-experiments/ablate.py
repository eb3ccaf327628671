from gbm import *
def fw(corr): return ['%.1f/%.1f/%.1f'%tuple(100*(1-b/a) for a,b in zip(m0,m1)) for m0,m1 in foldwise(corr)]
KW=dict(rounds=120,depth=3,minleaf=60,huber=0.1,lr=0.025)
full=['lw','r7','r28','sw8','ly','hasly','obs','cv','zero','wkend','h','lvl']
variants={
 'candidates only (lw,r7,r28,sw8,ly)':['lw','r7','r28','sw8','ly','hasly'],
 'candidates + horizon':['lw','r7','r28','sw8','ly','hasly','h'],
 'all but obs':[f for f in full if f!='obs'],
 'all but cv,zero,wkend':[f for f in full if f not in ('cv','zero','wkend')],
 'all but lvl':[f for f in full if f!='lvl'],
 'all + customer type':full+['biz'],
}
for name,spec in variants.items():
    corr=gcv(spec,**KW); print('%-38s %s %s'%(name,fmt(by_h(tun,corr),BB_T),fw(corr)),flush=True)
